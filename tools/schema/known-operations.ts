import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getOperationAST } from 'graphql';
import ts from 'typescript';
import { clientDocument, type KnownOperation } from './client-compatibility';

/** Where clients' operations live: the console's source, every test, and the persisted-operation lists. */
const SOURCE_ROOTS = ['apps/console/src', 'apps/e2e/src', 'apps/gateway/src', 'tools/bench', 'tools/seed'];
const PERSISTED_LISTS = ['schema/persisted-operations.json'];

function filesUnder(root: string, dir: string, test: (file: string) => boolean): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.includes('node_modules') && !f.includes('__generated__') && test(f))
    .map((f) => path.join(dir, f));
}

function named(source: string, document: KnownOperation['document']): string {
  const name = getOperationAST(document)?.name?.value;
  return name ? `${source} (${name})` : source;
}

/** GraphQL operations written as string or template literals (without substitutions) in TypeScript. */
function literalsIn(root: string, file: string): KnownOperation[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: KnownOperation[] = [];
  const visitNode = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const document = clientDocument(node.text);
      if (document) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ source: named(`${file}:${line}`, document), document });
      }
    }
    ts.forEachChild(node, visitNode);
  };
  visitNode(source);
  return found;
}

/** Every operation clients are known to send, read from this checkout. */
export function knownOperations(root: string): KnownOperation[] {
  const operations: KnownOperation[] = [];
  for (const dir of SOURCE_ROOTS) {
    for (const file of filesUnder(root, dir, (f) => /\.(graphql|gql)$/.test(f))) {
      const document = clientDocument(readFileSync(path.join(root, file), 'utf8'));
      if (document) operations.push({ source: named(file, document), document });
    }
    for (const file of filesUnder(root, dir, (f) => /\.tsx?$/.test(f))) operations.push(...literalsIn(root, file));
  }
  for (const list of PERSISTED_LISTS) {
    if (!existsSync(path.join(root, list))) continue;
    const entries = JSON.parse(readFileSync(path.join(root, list), 'utf8')) as Record<string, string>;
    for (const [hash, query] of Object.entries(entries)) {
      const document = clientDocument(query);
      if (document) operations.push({ source: named(`${list}#${hash.slice(0, 12)}`, document), document });
    }
  }
  return operations;
}
