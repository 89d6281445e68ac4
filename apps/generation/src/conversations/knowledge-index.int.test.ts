import { connectMongo } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { KnowledgeIndex } from './knowledge-index';
import { KnowledgeRepository } from './store/knowledge.repository';

const stack = testStack();
const db = uniqueName('c360_test_generation_kb');
let mongo: Connection;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
});

afterAll(async () => {
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

const article = (id: string, title: string, body: string, tags: string[] = []) => ({ id, title, body, tags, updatedAt: new Date() });

describe('knowledge index', () => {
  it('finds the article a question is about, tolerates a typo, and answers nothing for unrelated or filler-only text', async () => {
    const store = new KnowledgeRepository(mongo);
    await store.ensureIndexes();
    await store.upsertMany([
      article('returns', 'Returning an item', 'You can return unworn items within 30 days for a full refund. Print a label from your account.', ['refund']),
      article('delivery', 'Delivery times', 'Standard delivery takes 3 to 5 working days; express arrives the next working day.', ['shipping']),
      article('password', 'Resetting your password', 'Use the forgotten password link on the sign-in page; the email arrives within minutes.'),
    ]);
    const index = new KnowledgeIndex(store, 60_000, 2);
    expect((await index.search('how do I send back an item for a refund?'))?.article.id).toBe('returns');
    expect((await index.search('how long is express delivery'))?.article.id).toBe('delivery');
    expect((await index.search('I forgot my pasword'))?.article.id).toBe('password');
    expect(await index.search('what is the meaning of life')).toBeNull();
    expect(await index.search('where is my it')).toBeNull();
  });

  it('sees articles loaded after it was built once invalidated, and a replaced article by its id', async () => {
    const store = new KnowledgeRepository(mongo);
    const index = new KnowledgeIndex(store, 60_000, 2);
    expect(await index.search('gift cards balance')).toBeNull();
    await store.upsertMany([article('gift', 'Gift cards', 'Check a gift card balance on the gift card page.')]);
    expect(await index.search('gift cards balance')).toBeNull();
    index.invalidate();
    expect((await index.search('gift cards balance'))?.article.title).toBe('Gift cards');
    await store.upsertMany([article('gift', 'Gift vouchers', 'Check a gift voucher balance on the voucher page.')]);
    index.invalidate();
    expect((await index.search('gift voucher balance'))?.article.title).toBe('Gift vouchers');
  });
});
