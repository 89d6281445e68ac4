import mongoose, { type Connection, type Model, type Schema } from 'mongoose';

/** One connection per service, to the service's own database. */
export async function connectMongo(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5_000, autoIndex: false });
  await connection.asPromise();
  return connection;
}

/**
 * The model `name` on this connection, registered on first use. Every module that needs a model gets
 * it through its owner's accessor (built on this), so no module depends on another having been
 * constructed first, and none can find a model missing and quietly answer nothing.
 */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

/** Readiness probe for a service's MongoDB connection. */
export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('not connected');
  await connection.db.admin().ping();
}
