// Names that say their value is a credential (`Authorization`, `X-Api-Key`, `client_secret`,
// `password`, …): the delivery log redacts such headers and the audit log such metadata keys.
const SECRET_NAME = /(authorization|cookie|token|secret|api[-_]?key|password)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
