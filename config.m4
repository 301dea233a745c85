dnl phpize / PIE build: the extension is a Rust crate, built by cargo. `phpize && ./configure
dnl && make && make install` runs `cargo build --release` against the PHP that phpize belongs
dnl to and installs target/release/libbeyod_streamclient.so as modules/beyod_streamclient.so.
PHP_ARG_ENABLE([beyod_streamclient],
  [whether to enable the native beyod\StreamClient],
  [AS_HELP_STRING([--enable-beyod_streamclient], [Build the native beyod\StreamClient (needs Rust's cargo)])],
  [yes])

if test "$PHP_BEYOD_STREAMCLIENT" != "no"; then
  AC_PATH_PROG([CARGO], [cargo], [no], [$PATH:$HOME/.cargo/bin])
  if test "$CARGO" = "no"; then
    AC_MSG_ERROR([cargo is required to build beyod_streamclient (a Rust extension): https://rustup.rs])
  fi
  dnl ext-php-rs's build script wants a path, not a bare command name
  BEYOD_PHP_CONFIG=`command -v "$PHP_CONFIG"`
  if test -z "$BEYOD_PHP_CONFIG"; then
    AC_MSG_ERROR([cannot find php-config ($PHP_CONFIG)])
  fi
  PHP_SUBST([CARGO])
  PHP_SUBST([BEYOD_PHP_CONFIG])
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag])
fi
