import path from 'node:path';

/** This module's SDL, composed with schema.graphql by the server, codegen and the supergraph. */
export const TOUCHPOINT_TEXTS_SCHEMA_PATH = path.join(__dirname, 'touchpoint-texts.graphql');
