#!/usr/bin/env bash
# Test PKI for tls.php, made with the openssl CLI in $1: two CAs with different names, a valid
# leaf for localhost/127.0.0.1 (ca1), an expired one (ca1, valid 2020-01-01..02), a leaf from
# ca2 (unknown to the client) and a self-signed leaf. Each server PEM holds cert + key.
set -eu
D=$1
cd "$D"
cat > ext.cnf <<'X'
[leaf]
subjectAltName=DNS:localhost,IP:127.0.0.1
basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
[d]
dir=.
database=./index.txt
new_certs_dir=.
serial=./serial
default_md=sha256
policy=p
x509_extensions=leaf
unique_subject=no
[p]
commonName=supplied
X
printf '[ca]\ndefault_ca=d\n' | cat - ext.cnf > ca.cnf
for ca in ca1 ca2; do
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $ca.key -out $ca.pem -days 2 -subj "/CN=reliability test $ca" -extensions ca -config ext.cnf 2>/dev/null \
      || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $ca.key -out $ca.pem -days 2 -subj "/CN=reliability test $ca" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
done
leaf() { # name ca [startdate enddate]
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $1.key -out $1.csr -subj "/CN=localhost" 2>/dev/null
    if [ $# -gt 2 ]; then
        : > index.txt; echo 1000 > serial
        openssl ca -batch -config ca.cnf -in $1.csr -cert $2.pem -keyfile $2.key -startdate $3 -enddate $4 -out $1.crt -notext 2>/dev/null
    else
        openssl x509 -req -in $1.csr -CA $2.pem -CAkey $2.key -CAcreateserial -days 2 -extfile ext.cnf -extensions leaf -out $1.crt 2>/dev/null
    fi
    cat $1.crt $1.key > $1.pem
}
leaf good ca1
leaf expired ca1 20200101000000Z 20200102000000Z
leaf unknown ca2
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout self.key -out self.crt -days 2 -subj "/CN=localhost" -extensions leaf -config ext.cnf 2>/dev/null
cat self.crt self.key > self.pem
