import mongoose, { type Connection } from 'mongoose';

/** One connection per service, to the service's own database. */
export async function connectMongo(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5_000, autoIndex: false });
  await connection.asPromise();
  return connection;
}

/** Readiness probe for a service's MongoDB connection. */
export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('not connected');
  await connection.db.admin().ping();
}
