// Renders each overlay with `kubectl kustomize`, validates every object against the Kubernetes (and
// CloudNativePG) schemas, and checks the platform's deployment rules. Exit code 1 on any failure.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { fileURLToPath } from "node:url";
import path from "node:path";

const k8sDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const APPS = ["gateway", "content-service", "community-service", "push-service"];
const DATABASES = { gateway: "gateway", "content-service": "content", "community-service": "community", "push-service": "push" };
const failures = [];
const fail = (overlay, message) => failures.push(`${overlay}: ${message}`);

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  const module = apiVersion.startsWith("postgresql.cnpg.io/")
    ? `@kubernetes-models/cloudnative-pg/${group}/${kind}`
    : `kubernetes-models/${group}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return null;
  }
}

function render(overlay) {
  const yamlText = execFileSync("kubectl", ["kustomize", path.join(k8sDir, "overlays", overlay)], { encoding: "utf8" });
  return parseAllDocuments(yamlText).map((d) => d.toJSON()).filter(Boolean);
}

async function validateSchemas(overlay, objects) {
  for (const o of objects) {
    const Model = await modelFor(o.apiVersion, o.kind);
    if (!Model) {
      fail(overlay, `no schema for ${o.apiVersion} ${o.kind} ${o.metadata?.name}`);
      continue;
    }
    if (o.kind === "Secret" && o.data) {
      // kustomize folds long base64 values over lines; the API server (Go's decoder) ignores the breaks
      for (const key of Object.keys(o.data)) o.data[key] = String(o.data[key]).replace(/\s+/g, "");
    }
    try {
      new Model(o).validate();
    } catch (e) {
      fail(overlay, `${o.kind}/${o.metadata?.name}: ${e.message}`);
    }
  }
}

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL/i;

function checkWorkload(overlay, w) {
  const name = `${w.kind}/${w.metadata.name}`;
  const pod = w.spec.template.spec;
  if (pod.securityContext?.runAsNonRoot !== true) fail(overlay, `${name}: pod must run as non-root`);
  for (const c of pod.containers) {
    const where = `${name} container ${c.name}`;
    const r = c.resources ?? {};
    for (const kind of ["requests", "limits"]) {
      if (!r[kind]?.cpu && !(kind === "limits" && w.kind === "StatefulSet")) fail(overlay, `${where}: no cpu ${kind}`);
      if (!r[kind]?.memory) fail(overlay, `${where}: no memory ${kind}`);
    }
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) fail(overlay, `${where}: allowPrivilegeEscalation must be false`);
    if (sc.readOnlyRootFilesystem !== true) fail(overlay, `${where}: root filesystem must be read-only`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(overlay, `${where}: must drop all capabilities`);
    for (const e of c.env ?? []) {
      if (SECRET_NAME.test(e.name) && e.value !== undefined) fail(overlay, `${where}: ${e.name} holds a literal; use a secretKeyRef`);
    }
    if (w.kind === "Deployment") {
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        if (!c[probe]) fail(overlay, `${where}: no ${probe}`);
      }
      const health = { startupProbe: "/q/health/started", livenessProbe: "/q/health/live", readinessProbe: "/q/health/ready" };
      for (const [probe, p] of Object.entries(health)) {
        if (c[probe] && c[probe].httpGet?.path !== p) fail(overlay, `${where}: ${probe} must call ${p}`);
      }
      const javaOpts = (c.env ?? []).find((e) => e.name === "JAVA_OPTS_APPEND")?.value ?? "";
      if (!/MaxRAMPercentage/.test(javaOpts)) fail(overlay, `${where}: JVM heap must follow the memory limit (MaxRAMPercentage)`);
    }
  }
}

function selects(selector, labels) {
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

function checkPolicies(overlay, objects, production) {
  const byKind = (k) => objects.filter((o) => o.kind === k);
  const deployments = byKind("Deployment");
  for (const app of APPS) {
    if (!deployments.some((d) => d.metadata.name === app)) fail(overlay, `no Deployment for ${app}`);
  }
  for (const w of [...deployments, ...byKind("StatefulSet")]) checkWorkload(overlay, w);

  const policies = byKind("NetworkPolicy");
  const denyAll = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0
    && !p.spec.ingress && (p.spec.policyTypes ?? []).includes("Ingress"));
  if (!denyAll) fail(overlay, "no default-deny NetworkPolicy");
  for (const d of deployments) {
    const labels = d.spec.template.metadata.labels;
    if (!policies.some((p) => Object.keys(p.spec.podSelector?.matchLabels ?? {}).length > 0 && selects(p.spec.podSelector, labels))) {
      fail(overlay, `Deployment/${d.metadata.name}: no NetworkPolicy of its own`);
    }
  }
  // only the gateway is reachable from outside the namespace
  for (const p of policies) {
    const target = p.spec.podSelector?.matchLabels?.["app.kubernetes.io/name"];
    const fromOutside = (p.spec.ingress ?? []).some((rule) => (rule.from ?? []).some((f) => f.namespaceSelector && !f.podSelector));
    if (fromOutside && target && target !== "gateway") fail(overlay, `NetworkPolicy/${p.metadata.name}: only the gateway may be reached from other namespaces`);
  }
  const ingresses = byKind("Ingress");
  if (ingresses.length !== 1) fail(overlay, "exactly one Ingress expected");
  for (const i of ingresses) {
    for (const rule of i.spec.rules ?? []) for (const p of rule.http?.paths ?? []) {
      if (p.backend.service?.name !== "gateway") fail(overlay, `Ingress/${i.metadata.name}: routes to ${p.backend.service?.name}, not the gateway`);
    }
  }

  // every Secret and ConfigMap a workload reads must exist: rendered by the overlay (local), or, in
  // production, created by CloudNativePG (<db>-db-app) or out of band as the overlay documents
  const outOfBand = production ? documentedOutOfBand() : new Set();
  for (const w of [...deployments, ...byKind("StatefulSet")]) {
    for (const ref of referencedObjects(w.spec.template.spec)) {
      const rendered = byKind(ref.kind).some((o) => o.metadata.name === ref.name);
      const byCnpg = production && ref.kind === "Secret" && /-db-app$/.test(ref.name);
      if (!rendered && !byCnpg && !outOfBand.has(ref.name)) fail(overlay, `${w.kind}/${w.metadata.name}: reads ${ref.kind} ${ref.name}, which nothing provides`);
    }
  }

  if (production) {
    if (byKind("Secret").length > 0) fail(overlay, "secrets must not be part of the production manifests");
    for (const d of deployments) {
      const name = d.metadata.name;
      if ((d.spec.replicas ?? 1) < 2) fail(overlay, `Deployment/${name}: fewer than 2 replicas`);
      const hpa = byKind("HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef?.name === name);
      if (!hpa || hpa.spec.minReplicas < 2) fail(overlay, `Deployment/${name}: no HorizontalPodAutoscaler with minReplicas >= 2`);
      const labels = d.spec.template.metadata.labels;
      if (!byKind("PodDisruptionBudget").some((p) => selects(p.spec.selector, labels))) fail(overlay, `Deployment/${name}: no PodDisruptionBudget`);
      const db = DATABASES[name];
      if (db && !byKind("Cluster").some((c) => c.metadata.name === `${db}-db`)) fail(overlay, `Deployment/${name}: no CloudNativePG Cluster ${db}-db`);
    }
  }
}

/** The Secrets and ConfigMaps a pod spec reads through env, envFrom and volumes. */
function referencedObjects(pod) {
  const refs = [];
  for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.secretKeyRef) refs.push({ kind: "Secret", name: e.valueFrom.secretKeyRef.name });
      if (e.valueFrom?.configMapKeyRef) refs.push({ kind: "ConfigMap", name: e.valueFrom.configMapKeyRef.name });
    }
    for (const f of c.envFrom ?? []) {
      if (f.secretRef) refs.push({ kind: "Secret", name: f.secretRef.name });
      if (f.configMapRef) refs.push({ kind: "ConfigMap", name: f.configMapRef.name });
    }
  }
  for (const v of pod.volumes ?? []) {
    if (v.secret) refs.push({ kind: "Secret", name: v.secret.secretName });
    if (v.configMap) refs.push({ kind: "ConfigMap", name: v.configMap.name });
  }
  return refs;
}

/** The objects the production overlay tells operators to create with kubectl (its header comment). */
function documentedOutOfBand() {
  const text = readFileSync(path.join(k8sDir, "overlays", "production", "kustomization.yaml"), "utf8");
  return new Set([...text.matchAll(/kubectl -n \S+ create (?:secret generic|configmap) (\S+)/g)].map((m) => m[1]));
}

for (const overlay of ["local", "production"]) {
  const objects = render(overlay);
  await validateSchemas(overlay, objects);
  checkPolicies(overlay, objects, overlay === "production");
  console.log(`${overlay}: ${objects.length} objects rendered and checked`);
}
if (failures.length) {
  console.error(`\n${failures.length} problem(s):\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("all overlays valid");
