/** The one timestamp format stored in a project: ISO 8601 in UTC. */
export function now(): string {
  return new Date().toISOString();
}
