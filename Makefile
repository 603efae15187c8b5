# Builds and installs folio (README, "Install"):
#   make                                  the release binary, its manual page and shell completions
#   make install PREFIX=/usr/local        (DESTDIR=… for packaging)
#   make install-systemd                  contrib/'s units, sysusers and tmpfiles files, logrotate file
#   make uninstall | make clean | make test

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
# One binary that needs only the C libraries (ncursesw, sqlite3) at run time: Swift's
# standard library and Foundation are linked in.
SWIFT_BUILD_FLAGS ?= -c release --static-swift-stdlib
SYSCONFDIR ?= /etc
SYSTEMD_UNIT_DIR ?= $(SYSCONFDIR)/systemd/system

# Where SwiftPM puts a release build (a link to the platform's folder).
BIN_DIR ?= .build/release
OUT := .build/install
BINARY := $(BIN_DIR)/folio
GENERATED := $(OUT)/man/folio.1 $(OUT)/completions/folio.bash $(OUT)/completions/_folio $(OUT)/completions/folio.fish
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

all: build $(GENERATED)

build:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product folio

$(BINARY):
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product folio

# The manual page comes from the command definitions, by swift-argument-parser's
# generate-manual (the tool of its GenerateManual plugin), run on the binary just built.
$(OUT)/man/folio.1: $(BINARY)
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product generate-manual
	mkdir -p $(OUT)/man
	$(BIN_DIR)/generate-manual $(BINARY) --date $(MAN_DATE) --output-directory $(OUT)/man

$(OUT)/completions/folio.bash: $(BINARY)
	mkdir -p $(OUT)/completions
	$(BINARY) --generate-completion-script bash > $@

$(OUT)/completions/_folio: $(BINARY)
	mkdir -p $(OUT)/completions
	$(BINARY) --generate-completion-script zsh > $@

$(OUT)/completions/folio.fish: $(BINARY)
	mkdir -p $(OUT)/completions
	$(BINARY) --generate-completion-script fish > $@

# Installs what `make` built (so `sudo make install` runs no build as root).
install: $(BINARY) $(GENERATED)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 -s $(BINARY) $(DESTDIR)$(PREFIX)/bin/folio
	install -m 0644 $(OUT)/man/folio.1 $(DESTDIR)$(PREFIX)/share/man/man1/folio.1
	install -m 0644 $(OUT)/completions/folio.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/folio
	install -m 0644 $(OUT)/completions/_folio $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_folio
	install -m 0644 $(OUT)/completions/folio.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/folio.fish

# The units name $(PREFIX)/bin/folio; enable them afterwards (README, "Operations").
install-systemd:
	install -d $(DESTDIR)$(SYSTEMD_UNIT_DIR) $(DESTDIR)$(SYSCONFDIR)/sysusers.d $(DESTDIR)$(SYSCONFDIR)/tmpfiles.d \
		$(DESTDIR)$(SYSCONFDIR)/logrotate.d
	for unit in contrib/systemd/*.service contrib/systemd/*.timer; do \
		sed 's|/usr/local/bin/folio|$(PREFIX)/bin/folio|g' $$unit > $(DESTDIR)$(SYSTEMD_UNIT_DIR)/$$(basename $$unit); \
		chmod 0644 $(DESTDIR)$(SYSTEMD_UNIT_DIR)/$$(basename $$unit); \
	done
	install -m 0644 contrib/systemd/folio.sysusers.conf $(DESTDIR)$(SYSCONFDIR)/sysusers.d/folio.conf
	install -m 0644 contrib/systemd/folio.tmpfiles.conf $(DESTDIR)$(SYSCONFDIR)/tmpfiles.d/folio.conf
	install -m 0644 contrib/logrotate/folio $(DESTDIR)$(SYSCONFDIR)/logrotate.d/folio

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/folio $(DESTDIR)$(PREFIX)/share/man/man1/folio.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/folio $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_folio \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/folio.fish

test:
	$(SWIFT) test

clean:
	rm -rf $(OUT)

.PHONY: all build install install-systemd uninstall test clean
