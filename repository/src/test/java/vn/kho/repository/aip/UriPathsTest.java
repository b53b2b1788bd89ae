package vn.kho.repository.aip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UriPathsTest {
    @Test
    void percentEncodesEverythingButUnreservedCharactersAndSlashes() {
        assertThat(UriPaths.encode("rep 1/ờ#?%+:;.pdf")).isEqualTo("rep%201/%E1%BB%9D%23%3F%25%2B%3A%3B.pdf");
    }

    @Test
    void decodesBackToTheExactPath() {
        String path = "a b/c+d/Tài liệu/😀 %41/\t.x";

        assertThat(UriPaths.decode(UriPaths.encode(path))).isEqualTo(path);
    }

    @Test
    void refusesABrokenEscape() {
        assertThatThrownBy(() -> UriPaths.decode("a%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UriPaths.decode("a%ZZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UriPaths.decode("%C3%28")).isInstanceOf(IllegalArgumentException.class);
    }
}
