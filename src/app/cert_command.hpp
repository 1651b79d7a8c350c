#pragma once

namespace parley::app {

// `parleyd cert self-signed --host NAME [--out DIR] [--days N]`: writes DIR/cert.pem and
// DIR/key.pem for trying TLS out. argv[0] is "cert". Returns the exit code: 0, or 2
// with the problem on stderr.
int run_cert_command(int argc, const char* const* argv);

}  // namespace parley::app
