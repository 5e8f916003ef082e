import type { ButtonHTMLAttributes } from 'react';

/** An action that looks like a link (氏名, 表示, 未発行 …): a real button for keyboard and screen readers. */
export function LinkButton({ className, type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={className ? `link-button ${className}` : 'link-button'} {...props} />;
}
