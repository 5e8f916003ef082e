/**
 * Imported first by the entry points (and the bench, which measures the product as it runs):
 * React and Express take NODE_ENV as it is when they load. Unset, React renders the LAN pages
 * with its development build, twice the work per page and more. Tests set it themselves.
 */
process.env.NODE_ENV ??= 'production';
export {};
