import neo4j, { type Driver } from 'neo4j-driver';

export function createNeo4jDriver(uri: string, user: string, password: string): Driver {
  const auth = password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(uri, auth, { disableLosslessIntegers: true, maxConnectionPoolSize: 50 });
}
