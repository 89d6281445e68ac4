import { testStack, uniqueName } from '@c360/testing';
import type { Driver } from 'neo4j-driver';
import { causalSession, createNeo4jDriver } from './neo4j-driver';

let driver: Driver;
const label = `DriverTest_${uniqueName('b').replace(/-/g, '_')}`;

beforeAll(() => {
  const stack = testStack();
  driver = createNeo4jDriver(stack.NEO4J_URI, stack.NEO4J_USER, stack.NEO4J_PASSWORD);
});

afterAll(async () => {
  await driver.executeQuery(`MATCH (n:${label}) DETACH DELETE n`);
  await driver.close();
});

describe('causalSession', () => {
  it("hands a write's bookmark to the process's bookmark manager, so later reads wait for it", async () => {
    const session = causalSession(driver);
    try {
      await session.executeWrite((tx) => tx.run(`CREATE (:${label} {id: $id})`, { id: 'w1' }));
    } finally {
      await session.close();
    }
    const written = session.lastBookmarks();
    expect(written.length).toBeGreaterThan(0);
    expect(await driver.executeQueryBookmarkManager.getBookmarks()).toEqual(expect.arrayContaining(written));

    const reader = causalSession(driver, 'READ');
    try {
      const res = await reader.run(`MATCH (n:${label} {id: 'w1'}) RETURN count(n) AS n`);
      expect(res.records[0]?.get('n')).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('a session of its own would not tell the manager (why every session here is causal)', async () => {
    const before = await driver.executeQueryBookmarkManager.getBookmarks();
    const plain = driver.session();
    try {
      await plain.executeWrite((tx) => tx.run(`CREATE (:${label} {id: 'w2'})`));
    } finally {
      await plain.close();
    }
    expect(await driver.executeQueryBookmarkManager.getBookmarks()).toEqual(before);
    expect(before).not.toEqual(expect.arrayContaining(plain.lastBookmarks()));
  });
});
