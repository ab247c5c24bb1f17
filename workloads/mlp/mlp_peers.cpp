#include "workloads/mlp/mlp_peers.h"

#include <algorithm>
#include <mutex>

namespace joulebench::mlp {
namespace {

std::mutex& peers_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::vector<MlpPeer>& registered() {
  static std::vector<MlpPeer> peers;
  return peers;
}

}  // namespace

void register_mlp_peer(MlpPeer peer) {
  std::lock_guard lock(peers_mutex());
  std::vector<MlpPeer>& peers = registered();
  std::erase_if(peers, [&](const MlpPeer& p) { return p.backend == peer.backend; });
  peers.push_back(std::move(peer));
}

std::vector<MlpPeer> mlp_peers() {
  std::lock_guard lock(peers_mutex());
  return registered();
}

}  // namespace joulebench::mlp
