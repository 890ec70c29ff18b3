package org.passagegateway.gateway.audit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit tree kept as it grows, in tiles (as transparency logs serve theirs, C2SP tlog-tiles):
 * the hash of every aligned perfect subtree of 256, 65,536, 16,777,216, … leaves is stored
 * ({@code psg_audit_tile}) once the log has all its leaves. Any other aligned perfect subtree
 * hashes from at most 256 stored nodes of the level below it (leaves or tiles), all in one block,
 * so a tree head, an audit path or a consistency proof reads a few blocks of at most 256 rows
 * per level of tiles instead of every leaf of the log.
 *
 * <p>Tiles are written by the sequencer, under the head's lock and in the transaction that places
 * the leaves; a log sequenced before tiles existed gets them when the sequencer starts.
 */
final class AuditTiles {

  /** Levels of the tree per level of tiles: a block holds 2^8 nodes. */
  static final int HEIGHT = 8;
  private static final int WIDTH = 1 << HEIGHT;

  private final JdbcTemplate jdbc;

  AuditTiles(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The tree of the log's first {@code size} leaves, read as needed (for one request: it caches what it read). */
  MerkleProofs tree(long size) {
    return new MerkleProofs(new Reader(), size);
  }

  /**
   * Stores the tiles that the leaves placed at {@code [from, to)} complete, and those they complete
   * in turn. Called under the head's lock, after those leaves are written.
   */
  void extend(long from, long to) {
    for (int level = HEIGHT; level < 63 && (1L << level) <= to; level += HEIGHT) {
      long span = 1L << level;
      store(level, from / span, to / span);
    }
  }

  /**
   * Stores the tiles a log of {@code size} leaves should have and lacks (a log sequenced before
   * tiles existed). Tiles are written in order, so each level lacks only its last ones.
   */
  void complete(long size) {
    for (int level = HEIGHT; level < 63 && (1L << level) <= size; level += HEIGHT) {
      long have = jdbc.queryForObject("select count(*) from psg_audit_tile where tile_level = ?", Long.class, level);
      store(level, have, size >> level);
    }
  }

  /** Stores the tiles of {@code level} with indices [first, end). */
  private void store(int level, long first, long end) {
    if (first >= end) {
      return;
    }
    // A new reader: the tiles of the level below may have just been written.
    Reader below = new Reader();
    for (long index = first; index < end; index++) {
      byte[] hash = MerkleTree.nodeHash(below.hash(level - 1, 2 * index), below.hash(level - 1, 2 * index + 1));
      jdbc.update("insert into psg_audit_tile (tile_level, tile_index, hash) values (?, ?, ?)", level, index,
          HexFormat.of().formatHex(hash));
    }
  }

  /** Perfect subtrees from the stored leaves and tiles, each block of 256 nodes read once. */
  private final class Reader implements PerfectSubtrees {

    private final Map<Long, byte[][]> blocks = new HashMap<>();

    @Override
    public byte[] hash(int level, long index) {
      int stored = level - level % HEIGHT;
      int above = level - stored;
      // The subtree's nodes at the stored level below it: 2^above of them, aligned, so in one block.
      long first = index << above;
      long block = first >> HEIGHT;
      byte[][] nodes = block(stored, block);
      int offset = (int) (first - (block << HEIGHT));
      byte[][] subtree = Arrays.copyOfRange(nodes, offset, offset + (1 << above));
      for (byte[] node : subtree) {
        if (node == null) {
          throw new IllegalStateException("the audit log has no node at level " + stored + " for subtree " + index
              + " of level " + level);
        }
      }
      while (subtree.length > 1) {
        subtree = MerkleLevels.up(subtree);
      }
      return subtree[0];
    }

    private byte[][] block(int stored, long block) {
      return blocks.computeIfAbsent(block * 64 + stored / HEIGHT, key -> read(stored, block));
    }

    private byte[][] read(int stored, long block) {
      byte[][] nodes = new byte[WIDTH][];
      long start = block << HEIGHT;
      if (stored == 0) {
        jdbc.query("select position, leaf_hash from psg_audit_event where position >= ? and position < ?", row -> {
          nodes[(int) (row.getLong(1) - start)] = HexFormat.of().parseHex(row.getString(2));
        }, start, start + WIDTH);
      } else {
        jdbc.query("select tile_index, hash from psg_audit_tile where tile_level = ? and tile_index >= ? and tile_index < ?",
            row -> {
              nodes[(int) (row.getLong(1) - start)] = HexFormat.of().parseHex(row.getString(2));
            }, stored, start, start + WIDTH);
      }
      return nodes;
    }
  }
}
