import { PortalLayout, renderPage } from './layout';

export const messagePage = (companyName: string, title: string, message: string) =>
  renderPage(
    <PortalLayout title={title} companyName={companyName}>
      <h1>{title}</h1>
      <p>{message}</p>
    </PortalLayout>,
  );
