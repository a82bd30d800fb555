#!/usr/bin/env node
// `npm run deploy:check`: builds deploy/base with kustomize (`kubectl kustomize`, offline) and
// validates every object against the Kubernetes OpenAPI schemas (kubernetes-models) and KEDA's
// CRD schema (@kubernetes-models/keda), then the rules the apps rely on: probes on
// /health/live and /health/ready, Prometheus scrape annotations, a memory limit, a ScaledObject
// whose target exists. No cluster is contacted.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = join(repo, 'deploy', 'base');
const built = execFileSync('kubectl', ['kustomize', base], { encoding: 'utf8' });
const objects = parseAllDocuments(built).map((d) => d.toJS());

/** The model class of an object: core and apps from kubernetes-models, keda.sh from its package. */
async function modelOf({ apiVersion, kind }) {
  const module = apiVersion.startsWith('keda.sh/')
    ? `@kubernetes-models/keda/${apiVersion}`
    : `kubernetes-models/${apiVersion}`;
  const Model = (await import(module).catch(() => ({})))[kind];
  if (!Model) throw new Error(`no schema for ${apiVersion} ${kind}`);
  return Model;
}

const problems = [];
for (const object of objects) {
  const name = `${object.kind}/${object.metadata?.name}`;
  try {
    const Model = await modelOf(object);
    new Model(object).validate();
  } catch (err) {
    problems.push(`${name}: ${err.message}`);
    continue;
  }
  if (object.kind === 'Deployment') {
    const pod = object.spec.template;
    const annotations = pod.metadata.annotations ?? {};
    if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/path'] !== '/metrics')
      problems.push(`${name}: no Prometheus scrape annotations`);
    for (const c of pod.spec.containers) {
      if (c.livenessProbe?.httpGet?.path !== '/health/live')
        problems.push(`${name}: liveness is not /health/live`);
      if (c.readinessProbe?.httpGet?.path !== '/health/ready')
        problems.push(`${name}: readiness is not /health/ready`);
      if (!c.resources?.limits?.memory) problems.push(`${name}: no memory limit`);
    }
  }
  if (object.kind === 'ScaledObject') {
    const target = object.spec.scaleTargetRef.name;
    if (!objects.some((o) => o.kind === 'Deployment' && o.metadata.name === target))
      problems.push(`${name}: scales ${target}, which is not in the base`);
  }
}
if (problems.length > 0) {
  console.error(`deploy/base is invalid:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`deploy/base is valid: ${objects.length} objects (${objects.map((o) => o.kind).join(', ')})`);
