# class: outside
# why: rot13-encoded source (decoded with codecs) runs under trace.Trace().runctx
"""Run the archived recipe under the tracer for coverage."""
import codecs
import trace

ENCODED = "vzcbeg rcvpf\nrcvpf.pnchg('SR:P03:CFU:PZQ', 0, jnvg=Gehr)\n"
source = codecs.decode(ENCODED, "rot13")

tracer = trace.Trace(count=False, trace=False)
tracer.runctx(source, {}, {})
print("recipe finished")
