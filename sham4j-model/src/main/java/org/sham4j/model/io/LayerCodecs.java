package org.sham4j.model.io;

import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/** The codec of every layer kind: the one place a new layer type is added to the model file. Tags are stable. */
final class LayerCodecs implements LayerVisitor<LayerCodec<?>> {
    private static final LayerCodec<Dense> DENSE = new LayerCodec<>(1, Dense.class, (l, o) -> {
        o.matrix(l.weights());
        o.floatsOrNull(l.bias());
    }, i -> new Dense(i.matrix("weights"), i.floatsOrNull("bias")));

    private static final LayerCodec<Conv> CONV = new LayerCodec<>(2, Conv.class, (l, o) -> {
        o.matrix(l.weights());
        o.floatsOrNull(l.bias());
        o.count(l.inChannels());
        o.count(l.outChannels());
        o.ints(l.kernel());
        o.ints(l.strides());
        o.ints(l.padsBegin());
        o.ints(l.padsEnd());
        o.ints(l.dilations());
        o.count(l.groups());
    }, i -> new Conv(i.matrix("weights"), i.floatsOrNull("bias"), i.number("in channels", Integer.MAX_VALUE),
            i.number("out channels", Integer.MAX_VALUE), i.ints("kernel"), i.ints("strides"), i.ints("pads begin"),
            i.ints("pads end"), i.ints("dilations"), i.number("groups", Integer.MAX_VALUE)));

    private static final LayerCodec<Pool> POOL = new LayerCodec<>(3, Pool.class, (l, o) -> {
        o.u8(l.poolKind().ordinal());
        o.ints(l.kernel());
        o.ints(l.strides());
        o.ints(l.padsBegin());
        o.ints(l.padsEnd());
        o.ints(l.dilations());
        o.bool(l.countIncludePad());
        o.bool(l.ceilMode());
    }, i -> {
        PoolKind kind = i.choice(PoolKind.values(), "pool kind");
        int[] kernel = i.ints("kernel");
        int[] strides = i.ints("strides");
        int[] begin = i.ints("pads begin");
        int[] end = i.ints("pads end");
        if (i.version() < ModelFile.VERSION_3) {
            return new Pool(kind, kernel, strides, begin, end, i.bool("count include pad"), i.bool("ceil mode"));
        }
        return new Pool(kind, kernel, strides, begin, end, i.ints("dilations"), i.bool("count include pad"),
                i.bool("ceil mode"));
    });

    private static final LayerCodec<GlobalPool> GLOBAL_POOL = new LayerCodec<>(4, GlobalPool.class, (l, o) -> {
        o.u8(l.poolKind().ordinal());
        o.bool(l.keepDims());
    }, i -> new GlobalPool(i.choice(PoolKind.values(), "pool kind"), i.bool("keep dims")));

    private static final LayerCodec<Flatten> FLATTEN = new LayerCodec<>(5, Flatten.class,
            (l, o) -> o.i32(l.axis()), i -> new Flatten(i.i32()));

    private static final LayerCodec<Reshape> RESHAPE = new LayerCodec<>(6, Reshape.class,
            (l, o) -> o.ints(l.shape()), i -> new Reshape(i.ints("shape")));

    private static final LayerCodec<Transpose> TRANSPOSE = new LayerCodec<>(7, Transpose.class,
            (l, o) -> o.ints(l.perm()), i -> new Transpose(i.ints("perm")));

    private static final LayerCodec<Embedding> EMBEDDING = new LayerCodec<>(8, Embedding.class,
            (l, o) -> o.dense(l.table()), i -> new Embedding(i.dense("table")));

    private static final LayerCodec<Concat> CONCAT = new LayerCodec<>(9, Concat.class,
            (l, o) -> o.i32(l.axis()), i -> new Concat(i.i32()));

    private static final LayerCodec<Add> ADD = new LayerCodec<>(10, Add.class, (l, o) -> { }, i -> new Add());

    private static final LayerCodec<BatchNorm> BATCH_NORM = new LayerCodec<>(11, BatchNorm.class, (l, o) -> {
        o.floats(l.scale());
        o.floats(l.bias());
        o.floats(l.mean());
        o.floats(l.variance());
        o.f32(l.epsilon());
    }, i -> new BatchNorm(i.floats("scale"), i.floats("bias"), i.floats("mean"), i.floats("variance"), i.f32()));

    private static final LayerCodec<Dropout> DROPOUT = new LayerCodec<>(12, Dropout.class,
            (l, o) -> o.f32(l.rate()), i -> new Dropout(i.f32()));

    private static final LayerCodec<Activation> ACTIVATION = new LayerCodec<>(13, Activation.class, (l, o) -> {
        o.u8(l.function().ordinal());
        o.f32(l.alpha());
        o.f32(l.beta());
    }, i -> i.version() < ModelFile.VERSION_3 ? new Activation(i.choice(Activation.Function.values(), "activation"))
            : new Activation(i.choice(Activation.Function.values(), "activation"), i.f32(), i.f32()));

    private static final LayerCodec<Softmax> SOFTMAX = new LayerCodec<>(14, Softmax.class, (l, o) -> {
        o.i32(l.axis());
        o.bool(l.log());
    }, i -> new Softmax(i.i32(), i.version() >= ModelFile.VERSION_3 && i.bool("log")));

    private static final LayerCodec<Binary> BINARY = new LayerCodec<>(15, Binary.class, (l, o) -> {
        o.u8(l.op().ordinal());
        o.bool(l.constant() != null);
        if (l.constant() != null) {
            o.ints(l.constant().shape());
            o.floats(l.constant().data());
            o.bool(l.constantFirst());
        }
    }, i -> {
        Binary.Op op = i.choice(Binary.Op.values(), "operation");
        if (!i.bool("constant")) {
            return new Binary(op);
        }
        int[] shape = i.ints("constant shape");
        float[] values = i.floats("constant");
        return Binary.withConstant(op, new Tensor(shape, values), i.bool("constant first"));
    });

    private static final LayerCodec<Reduce> REDUCE = new LayerCodec<>(16, Reduce.class, (l, o) -> {
        o.u8(l.op().ordinal());
        o.ints(l.axes());
        o.bool(l.keepDims());
    }, i -> new Reduce(i.choice(Reduce.Op.values(), "reduction"), i.ints("axes"), i.bool("keep dims")));

    private static final LayerCodec<LayerNorm> LAYER_NORM = new LayerCodec<>(17, LayerNorm.class, (l, o) -> {
        o.i32(l.axis());
        o.floats(l.scale());
        o.floatsOrNull(l.bias());
        o.f32(l.epsilon());
    }, i -> new LayerNorm(i.i32(), i.floats("scale"), i.floatsOrNull("bias"), i.f32()));

    private static final LayerCodec<Pad> PAD = new LayerCodec<>(18, Pad.class, (l, o) -> {
        o.u8(l.mode().ordinal());
        o.ints(l.begin());
        o.ints(l.end());
        o.f32(l.value());
    }, i -> new Pad(i.choice(Pad.Mode.values(), "pad mode"), i.ints("pads begin"), i.ints("pads end"), i.f32()));

    private static final LayerCodec<Slice> SLICE = new LayerCodec<>(19, Slice.class, (l, o) -> {
        o.ints(l.axes());
        o.ints(l.starts());
        o.ints(l.ends());
        o.ints(l.steps());
    }, i -> new Slice(i.ints("axes"), i.ints("starts"), i.ints("ends"), i.ints("steps")));

    private static final LayerCodec<ConvTranspose> CONV_TRANSPOSE = new LayerCodec<>(20, ConvTranspose.class,
            (l, o) -> {
                o.matrix(l.weights());
                o.floatsOrNull(l.bias());
                o.count(l.inChannels());
                o.count(l.outChannels());
                o.ints(l.kernel());
                o.ints(l.strides());
                o.ints(l.padsBegin());
                o.ints(l.padsEnd());
                o.ints(l.dilations());
                o.ints(l.outputPadding());
                o.count(l.groups());
            }, i -> new ConvTranspose(i.matrix("weights"), i.floatsOrNull("bias"),
                    i.number("in channels", Integer.MAX_VALUE), i.number("out channels", Integer.MAX_VALUE),
                    i.ints("kernel"), i.ints("strides"), i.ints("pads begin"), i.ints("pads end"),
                    i.ints("dilations"), i.ints("output padding"), i.number("groups", Integer.MAX_VALUE)));

    private static final LayerCodec<Recurrent> RECURRENT = new LayerCodec<>(21, Recurrent.class, (l, o) -> {
        o.u8(l.cell().ordinal());
        o.matrix(l.weights());
        o.floatsOrNull(l.bias());
        o.count(l.hidden());
        o.bool(l.reverse());
        o.bool(l.linearBeforeReset());
    }, i -> new Recurrent(i.choice(Recurrent.Cell.values(), "cell"), i.matrix("weights"), i.floatsOrNull("bias"),
            i.number("hidden size", Integer.MAX_VALUE), i.bool("reverse"), i.bool("linear before reset")));

    private static final List<LayerCodec<?>> ALL = List.of(DENSE, CONV, POOL, GLOBAL_POOL, FLATTEN, RESHAPE,
            TRANSPOSE, EMBEDDING, CONCAT, ADD, BATCH_NORM, DROPOUT, ACTIVATION, SOFTMAX, BINARY, REDUCE, LAYER_NORM,
            PAD, SLICE, CONV_TRANSPOSE, RECURRENT);

    private static final LayerCodecs INSTANCE = new LayerCodecs();

    private LayerCodecs() {
    }

    static LayerCodec<?> of(Layer layer) {
        return layer.accept(INSTANCE);
    }

    static LayerCodec<?> of(int tag) throws InvalidInputException {
        for (LayerCodec<?> c : ALL) {
            if (c.tag() == tag) {
                return c;
            }
        }
        throw new InvalidInputException("unknown layer tag " + tag);
    }

    @Override
    public LayerCodec<?> dense(Dense layer) {
        return DENSE;
    }

    @Override
    public LayerCodec<?> conv(Conv layer) {
        return CONV;
    }

    @Override
    public LayerCodec<?> pool(Pool layer) {
        return POOL;
    }

    @Override
    public LayerCodec<?> globalPool(GlobalPool layer) {
        return GLOBAL_POOL;
    }

    @Override
    public LayerCodec<?> flatten(Flatten layer) {
        return FLATTEN;
    }

    @Override
    public LayerCodec<?> reshape(Reshape layer) {
        return RESHAPE;
    }

    @Override
    public LayerCodec<?> transpose(Transpose layer) {
        return TRANSPOSE;
    }

    @Override
    public LayerCodec<?> embedding(Embedding layer) {
        return EMBEDDING;
    }

    @Override
    public LayerCodec<?> concat(Concat layer) {
        return CONCAT;
    }

    @Override
    public LayerCodec<?> add(Add layer) {
        return ADD;
    }

    @Override
    public LayerCodec<?> batchNorm(BatchNorm layer) {
        return BATCH_NORM;
    }

    @Override
    public LayerCodec<?> dropout(Dropout layer) {
        return DROPOUT;
    }

    @Override
    public LayerCodec<?> activation(Activation layer) {
        return ACTIVATION;
    }

    @Override
    public LayerCodec<?> softmax(Softmax layer) {
        return SOFTMAX;
    }

    @Override
    public LayerCodec<?> binary(Binary layer) {
        return BINARY;
    }

    @Override
    public LayerCodec<?> reduce(Reduce layer) {
        return REDUCE;
    }

    @Override
    public LayerCodec<?> layerNorm(LayerNorm layer) {
        return LAYER_NORM;
    }

    @Override
    public LayerCodec<?> pad(Pad layer) {
        return PAD;
    }

    @Override
    public LayerCodec<?> slice(Slice layer) {
        return SLICE;
    }

    @Override
    public LayerCodec<?> convTranspose(ConvTranspose layer) {
        return CONV_TRANSPOSE;
    }

    @Override
    public LayerCodec<?> recurrent(Recurrent layer) {
        return RECURRENT;
    }
}
