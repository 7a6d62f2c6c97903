package io.foldersync.model;

/** What the users of the model do, with how often (weights out of their sum). */
enum Action {
    SERVER_CREATE(10), SERVER_MODIFY(12), SERVER_DELETE(5), SERVER_MOVE(6), SERVER_MOVE_DIRECTORY(2),
    CLIENT_EDIT(14), CLIENT_QUICK_SAVES(5), CLIENT_CREATE_LOCAL(6), CONCURRENT_CHANGE(7),
    CLIENT_RESTART(4), CONNECTION_CUT(4), SERVER_RESTART(3), FOLDER_SWITCH(6), BURST(4),
    CLIENT_BINARY_SAVE(3), SERVER_BINARY_SAVE(2);

    final int weight;

    Action(int weight) {
        this.weight = weight;
    }

    static Action pick(java.util.Random random) {
        int total = 0;
        for (Action action : values()) {
            total += action.weight;
        }
        int r = random.nextInt(total);
        for (Action action : values()) {
            r -= action.weight;
            if (r < 0) {
                return action;
            }
        }
        throw new IllegalStateException("weights changed while picking");
    }
}
