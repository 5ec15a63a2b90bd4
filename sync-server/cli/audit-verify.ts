// `npm run audit:verify [-- --database-url …]`: walks the audit chain and names the first event
// that was changed, inserted or removed. Exit 0 when intact, 1 when broken, 2 on usage errors.
import { verifyAuditChain } from '../services/audit';
import { openForCli, splitArgs } from './open';

const { serverArgs } = splitArgs(process.argv.slice(2));
const { database } = await openForCli(serverArgs);
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`audit chain intact: ${result.events} events (${database.description})`);
  } else {
    console.error(
      `audit chain BROKEN at event ${result.brokenAt}: ${result.reason} (${result.events} events verified before it)`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
