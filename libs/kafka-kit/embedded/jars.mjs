// Resolves Apache Kafka's jars from Maven Central once per version and caches them, so the
// second `kafka:up` needs neither Maven nor the network.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mavenDownloadCounter, progressBar } from './download-progress.mjs';

const POM = join(dirname(fileURLToPath(import.meta.url)), 'pom.xml');

/** Where the jars of one Kafka version live. Override the root with KAFKA_KIT_CACHE. */
export function jarDir(version) {
  const root =
    process.env.KAFKA_KIT_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'nest-kafka-kit', 'kafka');
  return join(root, version, 'lib');
}

/** Returns the classpath dir for `version`, running Maven only when it is not cached yet. */
export async function ensureJars(version, log = console.log) {
  const dir = jarDir(version);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return dir;

  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  log(`Resolving Apache Kafka ${version} jars from Maven Central (first run only)...`);
  const args = [
    '-B',
    '-Dstyle.color=never',
    '-f',
    POM,
    `-Dkafka.version=${version}`,
    ...(version.startsWith('3.') ? ['-Dkafka3'] : []),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
  ];
  await new Promise((resolve, reject) => {
    const mvn = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    let partial = '';
    // One progress bar (jars and bytes) instead of Maven's line per downloaded file.
    const counter = mavenDownloadCounter();
    const bar = progressBar(counter.counts, { log, prefix: '  ' });
    mvn.stdout.setEncoding('utf8');
    mvn.stdout.on('data', (chunk) => {
      tail = (tail + chunk).slice(-4000);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      if (lines.map((line) => counter.line(line)).some(Boolean)) bar.update();
    });
    mvn.on('error', (err) => reject(new Error(`cannot run mvn (is Maven installed?): ${err.message}`)));
    mvn.on('exit', (code) => {
      bar.finish();
      if (code === 0) resolve();
      else reject(new Error(`mvn failed for Kafka ${version} (exit ${code}):\n${tail}`));
    });
  });
  writeFileSync(join(staging, '.complete'), `${new Date().toISOString()}\n`);
  log(`  ${readdirSync(staging).length - 1} jars cached in ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return dir;
}
