package io.foldersync.apply;

/**
 * {@link ApplierCrashTest}'s power cuts again, with every batch flushed the way a batch of many
 * files is: the journal and the new content by one sync of the whole file system, the directories
 * by a second one ({@link Disk#syncFileSystem}).
 */
class ApplierCrashSyncfsTest extends ApplierCrashTest {

    @Override
    int fileSystemSyncFrom() {
        return 1;
    }
}
