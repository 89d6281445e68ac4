import { MongoClient } from './node_modules/mongoose/node_modules/mongodb/lib/index.js';
const c = await MongoClient.connect(process.argv[2]);
const db = c.db('dbg' + Date.now()); const col = db.collection('t');
const base = Date.UTC(2026,4,1);
const docs = [0, 5, 50, 200, 205, 1000].map((m, i) => ({ _id: 'm' + i, f: 'A', occurredAt: new Date(base + m * 60000) }));
await col.insertMany(docs.reverse());
const r = await col.aggregate([{ $sort: { occurredAt: 1, _id: 1 } }, { $group: { _id: '$f', ts: { $push: '$occurredAt' } } },
 { $project: { ts: 1, d: { $subtract: [{ $arrayElemAt: ['$ts', 1] }, { $arrayElemAt: ['$ts', 0] }] }, g: { $gt: [{ $subtract: [{ $arrayElemAt: ['$ts', 2] }, { $arrayElemAt: ['$ts', 1] }] }, 1800000] },
   starts: { $filter: { input: { $range: [0, { $size: '$ts' }] }, as: 'i', cond: { $or: [{ $eq: ['$$i', 0] }, { $gt: [{ $subtract: [{ $arrayElemAt: ['$ts', '$$i'] }, { $arrayElemAt: ['$ts', { $subtract: ['$$i', 1] }] }] }, 1800000] }] } } } } }]).toArray();
console.log(JSON.stringify(r));
await db.dropDatabase(); await c.close();
