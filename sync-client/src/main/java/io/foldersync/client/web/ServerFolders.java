package io.foldersync.client.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.foldersync.client.link.ServerLink;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.protocol.SyncMessage.FolderInfo;
import io.foldersync.web.ApiException;

/**
 * The server's folders, asked over the sync connection (FOLDER_COMMAND -> FOLDERS): for the REST
 * endpoints and the page alike. Not connected: 503; no answer within {@link #ANSWER_TIMEOUT}: 504;
 * an unknown folder: 404; a switch this client is not granted: 403.
 */
@Component
public class ServerFolders {

    /** How long a request waits for the server's answer; a switch includes a rescan of the new folder. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final ServerLink link;

    ServerFolders(ServerLink link) {
        this.link = link;
    }

    /** Lists the folders ({@code name} null), or switches the active one to {@code name} and lists them after. */
    public List<FolderInfo> ask(String name) {
        if (!link.isReady()) {
            throw notConnected();
        }
        SyncMessage.Folders answer;
        try {
            answer = link.folderCommand(name).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while waiting for the server");
        }
        catch (ExecutionException e) {
            throw notConnected(); // the connection was lost before the answer came
        }
        catch (TimeoutException e) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT,
                    "the server did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        }
        if (answer.error() != null) {
            HttpStatus status = ErrorCode.NOT_ALLOWED.name().equals(answer.code()) ? HttpStatus.FORBIDDEN
                    : answer.error().startsWith("unknown folder") ? HttpStatus.NOT_FOUND
                    // the server's FolderUnavailableException: the folder is there by name, not on disk
                    : answer.error().startsWith("folder not available") ? HttpStatus.CONFLICT : HttpStatus.BAD_GATEWAY;
            throw new ApiException(status, answer.error());
        }
        return answer.folders() == null ? List.of() : answer.folders();
    }

    private static ApiException notConnected() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not connected to the server; try again when connected");
    }
}
