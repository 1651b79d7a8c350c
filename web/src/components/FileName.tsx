import { cleanFileName, shortName } from '../state/files';

/**
 * A file name as harmless text: invisible and direction-changing characters removed,
 * isolated from the text around it, cut to `max` characters with the whole name in the
 * tooltip.
 */
export function FileName({ name, max = 60, class: className }: { name: string; max?: number; class?: string }) {
  return (
    <bdi class={`file-name${className ? ` ${className}` : ''}`} title={cleanFileName(name)} dir="auto">
      {shortName(name, max)}
    </bdi>
  );
}
