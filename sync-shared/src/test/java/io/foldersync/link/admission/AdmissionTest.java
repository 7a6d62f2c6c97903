package io.foldersync.link.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final Admission admission = new Admission(4, 2);

    @Test
    void admitsUpToThePerAddressCapThenRefusesThatAddressOnly() throws UnknownHostException {
        assertThat(admission.admit(address(1)).refusal()).isNull();
        assertThat(admission.admit(address(1)).refusal()).isNull();

        assertThat(admission.admit(address(1)).refusal()).isEqualTo(Admission.TOO_MANY_FROM_ADDRESS);
        assertThat(admission.admit(address(2)).refusal()).isNull();
    }

    @Test
    void admitsUpToTheTotalCapThenRefusesEveryone() throws UnknownHostException {
        for (int i = 1; i <= 4; i++) {
            assertThat(admission.admit(address(i)).refusal()).isNull();
        }

        assertThat(admission.admit(address(5)).refusal()).isEqualTo(Admission.TOO_MANY_UNAUTHENTICATED);
        assertThat(admission.unauthenticated()).isEqualTo(4);
    }

    @Test
    void aReleasedSlotIsFreeAgainAndReleasingTwiceFreesOnlyOne() throws UnknownHostException {
        List<Admission.Slot> slots = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            slots.add(admission.admit(address(i)));
        }
        slots.get(0).release();
        slots.get(0).release(); // authenticated, then closed: one release

        assertThat(admission.unauthenticated()).isEqualTo(3);
        assertThat(admission.admit(address(9)).refusal()).isNull();
        assertThat(admission.admit(address(10)).refusal()).isEqualTo(Admission.TOO_MANY_UNAUTHENTICATED);
    }

    @Test
    void aRefusalHoldsNoSlot() throws UnknownHostException {
        admission.admit(address(1));
        admission.admit(address(1));
        Admission.Slot refused = admission.admit(address(1));

        refused.release();

        assertThat(admission.unauthenticated()).isEqualTo(2);
    }

    private static InetAddress address(int n) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] { 10, 0, 0, (byte) n });
    }
}
