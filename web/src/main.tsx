import { render } from 'preact';
import { Client } from './app/client';
import { ClientContext } from './app/context';
import { App } from './components/App';
import { DeviceStore } from './state/storage';
import './styles/base.css';
import './styles/pieces.css';
import './styles/auth.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/messages.css';
import './styles/dialogs.css';
import './styles/files.css';
import './styles/rooms.css';

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

const client = new Client(new DeviceStore(storage));
window.addEventListener('online', () => client.retryNow());
client.start();

render(
  <ClientContext.Provider value={client}>
    <App />
  </ClientContext.Provider>,
  document.getElementById('app')!,
);
