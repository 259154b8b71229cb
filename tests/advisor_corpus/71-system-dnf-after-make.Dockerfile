# why: dnf install before the copy is fine; a second dnf install after COPY . . and make reruns on every edit (bad)
# expect: cache-order 12
FROM fedora:40

RUN dnf install -y make gcc && dnf clean all

WORKDIR /src
COPY . .
RUN make && make install PREFIX=/usr/local

# Debugging tools, added late
RUN dnf install -y valgrind gdb && dnf clean all

EXPOSE 8080
CMD ["/usr/local/bin/tinyhttpd", "-p", "8080"]
