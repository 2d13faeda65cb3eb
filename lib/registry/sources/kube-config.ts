// The kubeconfig as the Kubernetes source uses it. kubectl talks to a plain-http API server (the
// kubeconfig of `kubectl proxy`: http://127.0.0.1:8001) as it is; @kubernetes/client-node 1.x
// refuses one unless skipTLSVerify is set, although over http there is no TLS to verify. TLS
// settings apply to https servers only, so for an http server the flag changes nothing else.

import { KubeConfig } from "@kubernetes/client-node";

export interface PreparedKubeConfig {
  readonly kubeConfig: KubeConfig;
  /** The current cluster's server when it is plain http (for one log line at start). */
  readonly plainHttpServer?: string;
}

export function preparedKubeConfig(kc: KubeConfig): PreparedKubeConfig {
  const cluster = kc.getCurrentCluster();
  if (!cluster || !cluster.server.startsWith("http:") || cluster.skipTLSVerify) return { kubeConfig: kc };
  const next = new KubeConfig();
  next.loadFromOptions({
    clusters: kc.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c)),
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.getCurrentContext(),
  });
  return { kubeConfig: next, plainHttpServer: cluster.server };
}
