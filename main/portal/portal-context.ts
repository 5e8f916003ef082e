/** What every LAN route needs to know about the running installation. */
export interface PortalContext {
  companyName(): string;
  /** true when the portal is served over HTTPS: cookies get the Secure flag */
  secureCookies: boolean;
}
