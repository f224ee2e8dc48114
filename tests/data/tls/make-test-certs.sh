#!/usr/bin/env bash
# Makes the certificates tst_tls presents from its local TLS server, into the
# folder given as the only argument. Run at test time, so no private key is
# kept in the repository and no certificate can expire under the tests.
#
#   ca.pem / ca.key              "Gloo Test CA", which the test trusts
#   other-ca.pem / other-ca.key  "Gloo Other CA", which nobody trusts
#   valid.pem        127.0.0.1, from the test CA, valid now
#   expired.pem      127.0.0.1, from the test CA, valid only on 1 January 2020
#   notyetvalid.pem  127.0.0.1, from the test CA, valid only from 2099
#   otherhost.pem    other.example, from the test CA, valid now
#   selfsigned.pem   127.0.0.1, signed by its own key
#   untrusted.pem    127.0.0.1, from the other CA
# Every leaf shares server.key.
#
# Needs the openssl command-line tool (scripts/install-deps.sh --with-tests).
set -euo pipefail

out=${1:?usage: make-test-certs.sh OUTPUT_DIR}
mkdir -p "$out"
cd "$out"

cat >openssl.cnf <<'EOF'
[ req ]
distinguished_name = req_dn
prompt = no

[ req_dn ]
CN = unused

[ ca ]
default_ca = test_ca

[ test_ca ]
database = index.txt
new_certs_dir = issued
serial = serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no

[ policy_any ]
commonName = supplied
organizationName = optional

[ ca_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ leaf_ip ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1

[ leaf_other_host ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
EOF

new_key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

# A CA certificate from its own key, valid from yesterday for ten years.
make_ca() {
    local name=$1 subject=$2
    new_key "$name.key"
    openssl req -config openssl.cnf -new -key "$name.key" -subj "$subject" -out "$name.csr"
    rm -rf "$name.db" && mkdir -p "$name.db/issued"
    touch "$name.db/index.txt"
    echo 1000 >"$name.db/serial"
    (cd "$name.db" && openssl ca -config ../openssl.cnf -batch -notext -selfsign \
        -keyfile "../$name.key" -in "../$name.csr" -out "../$name.pem" -extensions ca_ext \
        -startdate "$(date -u -d '1 day ago' +%Y%m%d%H%M%SZ)" -days 3650 2>/dev/null)
}

# sign CA LEAF SUBJECT EXTENSIONS DATES...: a leaf for server.key.
sign() {
    local ca=$1 leaf=$2 subject=$3 extensions=$4
    shift 4
    openssl req -config openssl.cnf -new -key server.key -subj "$subject" -out "$leaf.csr"
    (cd "$ca.db" && openssl ca -config ../openssl.cnf -batch -notext -cert "../$ca.pem" \
        -keyfile "../$ca.key" -in "../$leaf.csr" -out "../$leaf.pem" -extensions "$extensions" \
        "$@" 2>/dev/null)
}

make_ca ca "/O=Gloo Console tests/CN=Gloo Test CA"
make_ca other-ca "/O=Gloo Console tests/CN=Gloo Other CA"
new_key server.key

yesterday=$(date -u -d '1 day ago' +%Y%m%d%H%M%SZ)
sign ca valid "/O=Gloo Console tests/CN=127.0.0.1" leaf_ip -startdate "$yesterday" -days 3650
sign ca expired "/O=Gloo Console tests/CN=127.0.0.1" leaf_ip \
    -startdate 20200101000000Z -enddate 20200102000000Z
sign ca notyetvalid "/O=Gloo Console tests/CN=127.0.0.1" leaf_ip \
    -startdate 20990101000000Z -enddate 20991231000000Z
sign ca otherhost "/O=Gloo Console tests/CN=other.example" leaf_other_host \
    -startdate "$yesterday" -days 3650
sign other-ca untrusted "/O=Gloo Console tests/CN=127.0.0.1" leaf_ip \
    -startdate "$yesterday" -days 3650

openssl req -config openssl.cnf -new -x509 -key server.key -subj "/CN=127.0.0.1" \
    -addext "subjectAltName = IP:127.0.0.1" -days 3650 -out selfsigned.pem

rm -f ./*.csr
