// proxy-from-env ships no types.
declare module "proxy-from-env" {
  /** The proxy URL the environment (HTTP(S)_PROXY, ALL_PROXY, NO_PROXY) names for `url`, or "" for none. */
  export function getProxyForUrl(url: string | URL): string;
}
