/**
 * The LAN throughput bench's load generator, in a process of its own: autocannon against one URL
 * (`CONNECTIONS` keep-alive connections for `SECONDS`), then one JSON line: requests per second,
 * latency percentiles, the answers by status code, socket errors and timeouts.
 *   node --import tsx tests/bench/autocannon-child.ts URL CONNECTIONS SECONDS
 */
import autocannon from 'autocannon';

const [url, connections, seconds, rate] = process.argv.slice(2) as [string, string, string, string | undefined];
const r = await autocannon({
  url, connections: Number(connections), duration: Number(seconds), ...(rate === undefined ? {} : { overallRate: Number(rate) }),
});
const byStatus: Record<string, number> = {};
for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) byStatus[code] = count ?? 0;
process.stdout.write(`${JSON.stringify({
  rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, byStatus, errors: r.errors, timeouts: r.timeouts,
})}\n`);
