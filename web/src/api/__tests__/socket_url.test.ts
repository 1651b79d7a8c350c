import { describe, expect, it } from 'vitest';
import { socketUrl } from '../socket';

const at = (href: string) => new URL(href) as unknown as Location;

// A page served over HTTPS must open its WebSocket over TLS too: browsers refuse ws://
// from an https:// page, and parleyd with TLS on has no plain port.
describe('socketUrl', () => {
  it('uses wss:// on an https:// page', () => {
    expect(socketUrl(at('https://chat.example.org:8443/rooms'))).toBe(
      'wss://chat.example.org:8443/api/v1/ws',
    );
  });

  it('uses ws:// on an http:// page', () => {
    expect(socketUrl(at('http://127.0.0.1:8080/'))).toBe('ws://127.0.0.1:8080/api/v1/ws');
  });
});
