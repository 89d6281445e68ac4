import path from 'node:path';
import type { Connection } from 'mongoose';
import { CustomerRequestRepository } from './customer-request.repository';
import { createCustomerRequestResolvers } from './customer-requests.resolvers';

export const CUSTOMER_REQUESTS_SCHEMA_PATH = path.join(__dirname, 'customer-requests.graphql');

/** Customer requests inside governance, so service.ts wires them with a few lines. */
export async function startCustomerRequests(mongo: Connection) {
  const repository = new CustomerRequestRepository(mongo);
  await repository.ensureIndexes();
  return { repository, resolvers: createCustomerRequestResolvers(repository) };
}
