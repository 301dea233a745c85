# Included by the Makefile that phpize/configure generate (see config.m4).
all: modules/beyod_streamclient.so
build-modules: modules/beyod_streamclient.so

modules/beyod_streamclient.so: $(top_srcdir)/Cargo.toml $(top_srcdir)/Cargo.lock $(shell find $(top_srcdir)/src -name '*.rs')
	cd $(top_srcdir) && PHP="$(PHP_EXECUTABLE)" PHP_CONFIG="$(BEYOD_PHP_CONFIG)" "$(CARGO)" build --release --locked
	mkdir -p modules
	cp $(top_srcdir)/target/release/libbeyod_streamclient.so modules/beyod_streamclient.so

clean-cargo:
	cd $(top_srcdir) && "$(CARGO)" clean
