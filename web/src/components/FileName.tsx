import { cleanFileName, nameParts } from '../state/files';

/**
 * A file name as harmless text: invisible and direction-changing characters removed,
 * isolated from the text around it, cut to `max` characters with the whole name in the
 * tooltip. Where space is short the start gives way (with an ellipsis) and the end, with
 * the extension, stays visible.
 */
export function FileName({ name, max = 60, class: className }: { name: string; max?: number; class?: string }) {
  const { head, tail } = nameParts(name, max);
  return (
    <bdi class={`file-name${className ? ` ${className}` : ''}`} title={cleanFileName(name)} dir="auto">
      <span class="file-name__head">{head}</span>
      {tail && <span class="file-name__tail">{tail}</span>}
    </bdi>
  );
}
