export function cspDirectives(env?: Record<string, string | undefined>): Record<string, string[]>;
export function contentSecurityPolicy(env?: Record<string, string | undefined>): string;
export function securityHeaders(env?: Record<string, string | undefined>): { key: string; value: string }[];
