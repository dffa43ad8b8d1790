namespace Lvbs.ImageHarness.Linux;

/// <summary>The files <see cref="LinuxGuestArtifacts.PrepareAsync"/> produced.</summary>
/// <param name="Kernel">The Debian kernel and where it came from.</param>
/// <param name="InitramfsPath">The gzip-compressed newc initramfs.</param>
/// <param name="BlobPath">The <see cref="LinuxGuestBlob"/> to pass as <c>-initrd</c>.</param>
/// <param name="BlobSize">Its size in bytes.</param>
/// <param name="CommandLine">The guest kernel command line inside the blob.</param>
public sealed record LinuxGuestBlobFiles(LinuxGuestKernelFile Kernel, string InitramfsPath, string BlobPath, long BlobSize, string CommandLine);
