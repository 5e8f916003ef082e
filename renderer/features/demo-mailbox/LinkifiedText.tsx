import { splitLinks } from './link-text';

/** A mail's plain text with every http(s) address a real link, opened in a new tab. */
export function LinkifiedText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className}>
      {splitLinks(text).map((part, i) =>
        part.kind === 'url' ? (
          <a key={i} href={part.url} target="_blank" rel="noopener noreferrer">{part.url}</a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </div>
  );
}
