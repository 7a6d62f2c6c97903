package io.foldersync.client.page;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.foldersync.client.activity.Activity;
import io.foldersync.client.activity.Attention;
import io.foldersync.client.link.ServerLink;
import io.foldersync.client.mirror.ClientSync;
import io.foldersync.client.remote.ServerRequests;

/**
 * What the page is fed by: the engine reports to the {@link Activity} record (and its attention
 * registry), and the link hands the answers to this client's requests to {@link ServerRequests}.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration {

    @Bean
    Activity activity(ClientSync sync, Clock clock) {
        Activity activity = new Activity(clock, new Attention());
        sync.setEvents(activity);
        return activity;
    }

    @Bean
    Attention attention(Activity activity) {
        return activity.attention();
    }

    @Bean
    ServerRequests serverRequests(ServerLink link) {
        ServerRequests requests = new ServerRequests(link);
        link.setExtension(requests);
        return requests;
    }
}
