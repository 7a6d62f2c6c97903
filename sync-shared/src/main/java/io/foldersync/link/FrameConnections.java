package io.foldersync.link;

import java.util.function.Consumer;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.Message;

import io.foldersync.protocol.Frame;
import io.foldersync.protocol.FrameCodec;

/**
 * How both sides set up their TCP side: a connection factory that speaks the contract's frames
 * (payloads are {@link Frame}s, never strings or byte arrays), tells {@code sender} of every
 * connection that opens or dies, and an inbound flow that hands each frame to the side's protocol.
 */
public final class FrameConnections {

    private FrameConnections() {
    }

    public static <F extends AbstractConnectionFactory> F speakFrames(F factory, FrameCodec codec, TcpSender sender) {
        TcpMessageMapper mapper = new TcpMessageMapper();
        mapper.setStringToBytes(false); // payloads are Frames, serialised by the codec
        factory.setSerializer(codec);
        factory.setDeserializer(codec);
        factory.setMapper(mapper);
        factory.setSoTcpNoDelay(true);
        factory.registerSender(sender);
        return factory;
    }

    /** Sync port -> frame codec -> {@code protocol}, on the connection's reader thread (frames of a peer stay in order). */
    public static IntegrationFlow inbound(AbstractConnectionFactory factory, Consumer<Message<Frame>> protocol) {
        return IntegrationFlow.from(Tcp.inboundAdapter(factory))
                .handle(message -> protocol.accept(frames(message)))
                .get();
    }

    @SuppressWarnings("unchecked")
    private static Message<Frame> frames(Message<?> message) {
        return (Message<Frame>) message;
    }
}
