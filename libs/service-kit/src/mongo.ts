import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import { trackStartupResource } from './startup-guard';

/** One connection per service, to the service's own database. */
export async function connectMongo(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5_000, autoIndex: false });
  trackStartupResource(`mongodb ${dbName}`, () => connection.close());
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

const DUPLICATE_KEY = 11000;

/** A write refused because a document with the same unique key exists. */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

const WRITE_CONFLICT = 112;

/**
 * A write aborted because a concurrent one held what it needed, so it changed nothing and may be tried
 * again: MongoDB's WriteConflict, and a deadlock or serialisation failure in the PostgreSQL under
 * FerretDB, which FerretDB passes on as an InternalError carrying PostgreSQL's message (v2.7 maps
 * neither to a code of its own).
 */
export function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errorLabels?: unknown } | null;
  if (e?.code === WRITE_CONFLICT) return true;
  if (Array.isArray(e?.errorLabels) && e.errorLabels.includes('TransientTransactionError')) return true;
  return typeof e?.message === 'string' && /deadlock detected|could not serialize access/i.test(e.message);
}

/** An unordered bulk write whose only failures are duplicate keys: every other document was written. */
export function onlyDuplicateKeys(err: unknown): boolean {
  // The driver gives one write error as an object, several as an array.
  const errors = [(err as { writeErrors?: { code?: unknown } | { code?: unknown }[] } | null)?.writeErrors ?? []].flat();
  return errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY);
}

/** Readiness probe for a service's MongoDB connection. */
export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('not connected');
  await connection.db.admin().ping();
}
