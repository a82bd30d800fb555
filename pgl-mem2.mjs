import { PGlite } from '@electric-sql/pglite';
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
const opts = process.argv[3] === 'small' ? { postgresqlconf: ['shared_buffers = 16MB'] } : {};
const db = await PGlite.create(process.argv[2], opts);
await db.query('select 1');
console.log(process.argv[2], process.argv[3] ?? 'default', 'open', rss());
for (let i = 0; i < 200; i++) await db.query('insert into t values ($1, $2)', [i, 'x']).catch(async () => { await db.exec('create table t(a int, b text)'); });
console.log('after writes', rss());
await db.close();
