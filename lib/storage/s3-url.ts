// Where an S3 object lives, pure (no credentials, no server-only): the object URLs of the S3 clients
// (lib/storage/s3.ts, s3-objects.ts) and the bucket origin the page's CSP lets the browser PUT
// direct-upload parts to (lib/security/csp.ts connect-src).
export interface S3Location {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  prefix?: string;
}

/** The URL of an object (the prefix added), path-style or virtual-hosted as configured. */
export function s3ObjectUrl(config: S3Location, key: string): URL {
  const objectKey = `${config.prefix ?? ""}${key}`;
  const { bucket, region } = config;
  const base = new URL(config.endpoint ?? `https://s3.${region}.amazonaws.com`);
  const pathStyle = config.forcePathStyle ?? config.endpoint !== undefined;
  if (pathStyle) {
    base.pathname = `${base.pathname.replace(/\/$/, "")}/${bucket}/${objectKey}`;
  } else {
    base.host = `${bucket}.${base.host}`;
    base.pathname = `/${objectKey}`;
  }
  return base;
}

/** S3_FORCE_PATH_STYLE as a boolean, or undefined when unset (the endpoint decides). */
export const forcePathStyleOf = (value: string | undefined) => (value ? /^(1|true|yes)$/i.test(value) : undefined);

/** The origin presigned part URLs point at when S3 is configured (else null): the browser PUTs there. */
export function s3BrowserOrigin(env: Record<string, string | undefined>): string | null {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket || !env.S3_ACCESS_KEY_ID?.trim() || !env.S3_SECRET_ACCESS_KEY?.trim()) return null;
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  try {
    return s3ObjectUrl(
      { bucket, region: env.S3_REGION?.trim() || "us-east-1", endpoint, forcePathStyle: forcePathStyleOf(env.S3_FORCE_PATH_STYLE) },
      "x",
    ).origin;
  } catch {
    return null;
  }
}
