import mongoose from 'mongoose';
import { sessionsPipeline } from './apps/touchpoint-store/src/store/pipelines/sessions.pipeline';
const uri = process.argv[2]!;
const main = async () => {
  const conn = await mongoose.createConnection(uri, { dbName: 'dbg' + Date.now() }).asPromise();
  const col = conn.db!.collection('t');
  const base = Date.UTC(2026, 4, 1);
  let t = 0; const docs: any[] = [];
  for (let i = 0; i < 40; i++) { t += (i * 37) % 70; docs.push({ _id: 'm' + String(i).padStart(3, '0'), customerId: 'c', family: i % 2 ? 'A' : 'B', channel: 'ch' + (i % 3), eventKey: 'E' + (i % 4), occurredAt: new Date(base + t * 60000) }); }
  await col.insertMany(docs);
  const p = sessionsPipeline({ customerId: { $in: ['c'] } }, 30 * 60000) as any[];
  for (let k = 3; k <= p.length; k++) {
    const r = await col.aggregate(p.slice(0, k)).toArray();
    console.log(k, JSON.stringify(r).slice(0, 700));
  }
  await conn.dropDatabase(); await conn.close();
};
main();
