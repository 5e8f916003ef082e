import type { ButtonHTMLAttributes } from 'react';

interface CountButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  label: string;
  count: number;
}

/**
 * 「選択して削除 3」: the count is a badge of its own, yet part of the button's accessible
 * name. The space keeps label and number apart for every accessible-name algorithm.
 */
export function CountButton({ label, count, className, type = 'button', ...props }: CountButtonProps) {
  return (
    <button type={type} className={className ? `count-button ${className}` : 'count-button'} {...props}>
      {label}{' '}<span className="count-badge">{count}</span>
    </button>
  );
}
