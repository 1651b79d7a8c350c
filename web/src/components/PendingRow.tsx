/** Our own message while the server has not confirmed it. */
export function PendingRow({ text, name }: { text: string; name: string }) {
  return (
    <li class="msg msg--continued msg--pending">
      <div class="msg__gutter" />
      <div class="msg__body">
        <span class="visually-hidden">{name}: </span>
        <p class="msg__text">{text}</p>
        <span class="msg__status">Sending…</span>
      </div>
    </li>
  );
}
