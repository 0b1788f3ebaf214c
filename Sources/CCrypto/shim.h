// OpenSSL's libcrypto (libssl-dev): HMAC, the digests, constant-time comparison and base64.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
