# make demo: run the product.  make test: run every test.  Both install what they need first.
SWIFT ?= swift
DEBIAN_PACKAGES := pkg-config libncursesw5-dev libcurl4-openssl-dev libsqlite3-dev tmux python3 python3-pip postgresql postgresql-client nginx
BIN = $(shell $(SWIFT) build --show-bin-path)

.PHONY: deps build test demo contract bench clean

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing Debian packages:$$missing. Run 'sudo make deps' once."; exit 1; \
		fi; \
	fi
	@python3 -c 'import openapi_spec_validator, openapi_schema_validator' 2>/dev/null || \
		python3 -m pip install -q openapi-spec-validator openapi-schema-validator 2>/dev/null || \
		python3 -m pip install -q --break-system-packages openapi-spec-validator openapi-schema-validator

build: deps
	$(SWIFT) build

# The tests get a throwaway PostgreSQL cluster (Tests/support/postgres-cluster.sh), stopped whatever happens.
test: build
	@cluster=$$(mktemp -d /tmp/momentum-pg.XXXXXX); \
	trap 'bash Tests/support/postgres-cluster.sh stop "$$cluster"' EXIT; \
	url=$$(bash Tests/support/postgres-cluster.sh start "$$cluster") || exit 1; \
	echo "PostgreSQL for the tests: $$url"; \
	MOMENTUM_TEST_POSTGRES_URL="$$url" $(SWIFT) test && \
	python3 Tests/contract/check_openapi.py --binary "$(BIN)/momentum"

contract: build
	python3 Tests/contract/check_openapi.py --binary "$(BIN)/momentum"

# make bench: the client's frame benchmarks, then momentum serve and nginx + Nchan side by
# side (bench/run.sh; MODE=full climbs the 1,000 x 15 ladder to the knee), then momentum
# join and irssi side by side (bench/client.sh: short in short mode, three runs in full).
MODE ?= short
bench: deps
	@dpkg -s libnginx-mod-nchan >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq libnginx-mod-nchan >/dev/null; }
	$(SWIFT) build -c release --product momentum-bench
	$(SWIFT) build -c release --product momentum
	$(SWIFT) build -c release --product momentum-server
	$(SWIFT) build -c release --product momentum-load
	"$$($(SWIFT) build -c release --show-bin-path)/momentum-bench"
	bash bench/run.sh $(MODE)
	bash bench/client.sh $(if $(filter short,$(MODE)),short,full)

demo: build
	"$(BIN)/momentum" demo

clean:
	rm -rf .build
