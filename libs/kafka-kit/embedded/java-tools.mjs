// Runs Kafka's own Java command-line tools (the reference client) from the cached jars.
import { spawn } from 'node:child_process';
import { ensureJars } from './jars.mjs';

// Some tools moved from the Scala core (kafka.tools) to the Java tools module in 4.0.
const CLASSES = {
  'console-producer': { 3: 'kafka.tools.ConsoleProducer', 4: 'org.apache.kafka.tools.ConsoleProducer' },
  'consumer-groups': {
    3: 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
    4: 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  },
  configs: { 3: 'kafka.admin.ConfigCommand', 4: 'kafka.admin.ConfigCommand' },
};

export function javaToolClass(tool, version) {
  const major = Number(version.split('.')[0]) >= 4 ? 4 : 3;
  const cls = CLASSES[tool]?.[major];
  if (!cls) throw new Error(`unknown Kafka tool ${tool}`);
  return cls;
}

/** Runs `tool` with `args`, feeding `input` on stdin; resolves with stdout, rejects with stderr. */
export async function runJavaTool(tool, version, args, input = '') {
  const lib = await ensureJars(version);
  return new Promise((resolve, reject) => {
    const p = spawn('java', ['-Xmx256m', '-cp', `${lib}/*`, javaToolClass(tool, version), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${tool} exited ${code}: ${err}`))));
    p.stdin.end(input);
  });
}
